"""The guide's themes of what the role is and does (assistant/theme_table.py has the rest, and
their reading): its responsibilities, whom it serves ("who do they make life easier for?"),
the role itself, its soft skills, whom it works with, and its part in what infrastructure
costs."""

from __future__ import annotations

import re

from assistant.theme_table import DEFINING, Theme

ROLE_THEMES = (
    Theme(
        "responsibilities",
        re.compile(
            r"\bwhat\b[^?.!]{0,50}\b(?:responsible\s+for|responsibilit(?:y|ies)|duties|(?:would|will"
            r"|do|does|should|to|they|he|she|person|engineers?)\s+(?:actually\s+|really\s+)?own"
            r"|in\s+charge\s+of|take\s+off\s+(?:their|my|our|the\w*|your)\s+plates?)\b",
            re.IGNORECASE,
        ),
        re.compile(r"^Core responsibilities\b"),  # the part listing them
        by_title=True,
        unless=re.compile(
            r"\b(?:morning|afternoon|meetings?|salary|pay|skills?|certif\w*|vs\.?|versus|compar\w*"
            r"|differ\w*)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "serves",
        re.compile(
            r"\bwho\b[^?.!]{0,40}\b(?:helps?|serves?|supports?|benefits?|unblocks?|enables?"
            r"|(?:life|lives|work|jobs?)\s+easier)\b|\breceiving\s+end\b"
            r"|\binternal\s+(?:customers?|clients?|users?)\b|\bwho(?:['’]?s|\s+is)\s+the\s+customer"
            # helping people by any name: "do they help the data science lot out?"
            r"|\b(?:help|helping|helps|support|supporting|supports|assist\w*|serves?"
            r"|enabl(?:e|es|ing)|babysit\w*)\s+(?:out\s+)?(?:\S+\s+){0,3}?(?:scien\w*|engineers?"
            r"|teams?|people|folks?|crew|lot|ppl|devs?|developers|colleagues)\b",
            re.IGNORECASE,
        ),
        # whom the role enables, supports and works with
        re.compile(r"^(?:You enable|Supporting|Working with) data scientists\b"),
        unless=re.compile(
            r"\b(?:salary|pay|earn\w*|cert\w*|interview\w*|hir\w+|tools?|platforms?|frameworks?)\b",
            re.I,
        ),
    ),
    Theme(
        "role",
        re.compile(
            r"\bwhat\s+(?:does|do|would)\s+(?:an?\s+|the\s+|these\s+|this\s+)?(?:mlops\s+)?(?:engineers?"
            r"|engs?|person|people|folks|ppl)\s+(?:\w+\s+){0,2}?do\b(?=\s*(?:[?.!,]|$))"
            rf"|^(?=.*{DEFINING})(?=.*\b(?:role|job|mlops|this\s+person)\b)",
            re.IGNORECASE | re.DOTALL,
        ),
        # the lines saying what the role is and does
        re.compile(
            r"\bbuilds\s+and\s+maintains\s+the\s+infrastructure\b|^They\s+create\s+the\s+pipelines\b"
        ),
        # what sets it apart, what it takes, pays or measures is another ask
        unless=re.compile(
            r"\b(?:vs\.?|versus|differ\w*|compar\w*|skills?|blend\w*|combin\w*|mix|salary|pay|earn\w*"
            r"|(?<!all\s)(?<!to\s)(?<!to-)day(?![- ]to[- ]day)|morning|afternoon|lead\s+time"
            r"|recovery|drift|tools?|metrics?|challenges?|fit|suit\w*"
            r"|data\s+scientists?|success|level\w*|junior|senior|staff)\b",
            re.IGNORECASE,
        ),
    ),
    Theme(
        "soft skills",
        re.compile(
            r"\b(?:soft|people|communication|interpersonal|social)[- ]skills?\b|\bpeople\s+person\b"
            r"|\bnon-?technical\s+(?:people|folks|crowd|audiences?|stakeholders?|colleagues|staff)"
            r"|\b(?:good|great|bad|decent)\s+(?:with|at\s+dealing\s+with)\s+people\b",
            re.IGNORECASE,
        ),
        re.compile(r"^Soft Skills$"),  # the part listing them
        by_title=True,
        unless=re.compile(r"\b(?:salary|pay|earn\w*|cert\w*|interview\w*|remote)\b", re.I),
    ),
    Theme(
        "collaboration",
        re.compile(
            r"\b(?:work|working|sitting|sit|coding|be)\s+(?:alone|solo|on\s+(?:my|your|their)\s+own)\b"
            r"|\bteam\s?work\b|\bwith\s+other\s+people\b|\btalk(?:ing)?\s+to\s+people\b",
            re.IGNORECASE,
        ),
        # whom the role works with, and the day's collaboration
        re.compile(r"^Working with data scientists|\bcross-team collaboration\b"),
        unless=re.compile(r"\b(?:salary|pay|earn\w*|cert\w*|interview\w*|remote)\b", re.I),
    ),
    Theme(
        "infrastructure cost",
        re.compile(
            r"\b(?:cloud|aws|gcp|azure|compute|gpu|hosting)\s+(?:bills?|costs?|spend\w*)\b"
            r"|\binfra\w*\s+(?:bills?|spend\w*)\b"  # not its cost as a metric: that line's
            r"|\bcost[- ](?:optimi[sz]\w*|efficien\w*|savings?|cutting|reduction|control|angle)\b"
            r"|\bfinops\b|\b(?:keep|keeping|get|getting|bring\w*)\s+(?:\w+\s+){0,3}(?:bills?"
            r"|costs?|spend)\s+down\b",
            re.IGNORECASE,
        ),
        re.compile(r"\bcost\b", re.IGNORECASE),  # the lines on what infrastructure costs
        unless=re.compile(r"\b(?:salary|pay|earn\w*|cert\w*|exam|tuition)\b", re.IGNORECASE),
    ),
)


__all__ = ["ROLE_THEMES"]
