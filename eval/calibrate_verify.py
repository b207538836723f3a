"""Calibrate the verification thresholds (verify_lexical_threshold, verify_cosine_threshold).

A true citation is modelled by a unit shortened to its first 65 % of words (as a small model
shortens a quote) against the unit itself; a wrong one by the same shortening against the three
most similar units of other sections. Prints the share of each accepted per threshold pair.
Run: python eval/calibrate_verify.py
"""

import numpy as np
from assistant.settings import Settings
from assistant.guide import load_guide
from assistant.embeddings import get_embedder
from assistant.backends.verify import lexical_support
s=Settings(); g=load_guide(s.corpus_dir); e=get_embedder(s)
units=[(sec,u) for sec in g.sections for u in sec.units if len(u.text.split())>=6]
texts=[u.text for _,u in units]
V=e.embed_documents(texts)
# positives: the first ~65% of the words of a unit (a model's shortening)
short=[" ".join(t.split()[:max(4,int(len(t.split())*0.65))]) for t in texts]
S=e.embed_documents(short)
pos_cos=np.sum(S*V,1); pos_lex=np.array([lexical_support(a, f"{b} {sec.heading}", "") for a,b,(sec,_) in zip(short,texts,units)])
sim=V@V.T
neg_cos=[];neg_lex=[]
for i,(sec,u) in enumerate(units):
    order=np.argsort(-sim[i])
    k=0
    for j in order:
        if units[j][0].id==sec.id: continue
        neg_cos.append(float(S[i]@V[j])); neg_lex.append(lexical_support(short[i], f"{texts[j]} {units[j][0].heading}", ""))
        k+=1
        if k==3: break
neg_cos=np.array(neg_cos); neg_lex=np.array(neg_lex)
print(len(units),"units")
for q in (1,5,10,50): print("pos pct",q, "cos %.2f lex %.2f"%(np.percentile(pos_cos,q),np.percentile(pos_lex,q)))
for q in (50,90,95,99): print("hard-neg pct",q, "cos %.2f lex %.2f"%(np.percentile(neg_cos,q),np.percentile(neg_lex,q)))
for lt in (0.4,0.5,0.6):
  for ct in (0.45,0.5,0.55,0.6,0.65):
    tp=np.mean((pos_cos>=ct)&(pos_lex>=lt)); fp=np.mean((neg_cos>=ct)&(neg_lex>=lt))
    print(f"lex>={lt} cos>={ct}: keeps {tp:.1%} of true shortenings, accepts {fp:.1%} of hard wrong citations")
