"""Calibrate the verification thresholds (generation.verify_lexical_threshold and
generation.verify_cosine_threshold).

A true citation is modelled by a guide unit shortened to its first 65 % of words (as a small
model shortens a quote) against the unit itself; a wrong one by the same shortening against the
three most similar units of other sections. Prints how many of each a threshold pair accepts.
Run: python bench/calibrate_verify.py
"""

from __future__ import annotations

import numpy as np

from assistant.backends.verify import lexical_support
from assistant.embeddings import get_embedder
from assistant.guide import load_guide
from assistant.settings import Settings

MIN_WORDS = 6
KEEP_SHARE = 0.65
NEIGHBOURS = 3


def main() -> None:
    settings = Settings()
    guide = load_guide(settings.corpus_dir)
    embedder = get_embedder(settings)
    units = [(s, u) for s in guide.sections for u in s.units if len(u.text.split()) >= MIN_WORDS]
    texts = [u.text for _, u in units]
    short = [" ".join(t.split()[: max(4, int(len(t.split()) * KEEP_SHARE))]) for t in texts]
    full, cut = embedder.embed_documents(texts), embedder.embed_documents(short)
    pos_cos = np.sum(cut * full, axis=1)
    pos_lex = np.array(
        [
            lexical_support(c, f"{t} {s.heading}", "")
            for c, t, (s, _) in zip(short, texts, units, strict=True)
        ]
    )
    neg_cos, neg_lex = [], []
    similarity = full @ full.T
    for i, (section, _) in enumerate(units):
        others = [j for j in np.argsort(-similarity[i]) if units[j][0].id != section.id]
        for j in others[:NEIGHBOURS]:
            neg_cos.append(float(cut[i] @ full[j]))
            neg_lex.append(lexical_support(short[i], f"{texts[j]} {units[j][0].heading}", ""))
    neg_c, neg_l = np.array(neg_cos), np.array(neg_lex)
    print(f"{len(units)} units of {MIN_WORDS}+ words")
    for lex in (0.4, 0.5, 0.6):
        for cos in (0.5, 0.55, 0.6, 0.65):
            kept = np.mean((pos_cos >= cos) & (pos_lex >= lex))
            wrong = np.mean((neg_c >= cos) & (neg_l >= lex))
            print(f"lexical>={lex} cosine>={cos}: keeps {kept:.1%} true, accepts {wrong:.1%} wrong")


if __name__ == "__main__":
    main()
