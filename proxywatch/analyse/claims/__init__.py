"""Check an article's quantitative claims against the store.

A *claim* is a sentence's statement of how many events happened ("more than 150 attacks since
October", "no attacks on US forces in Iraq and only two in Syria since the US retaliated"). The
package reads claims from the article's words (:mod:`.reading`, :mod:`.periods`), places periods
anchored on events (:mod:`.anchors`), and checks each claim against the store's events and other
reports' tallies (:mod:`.check`). Every rule is registered with an id, a purpose, an example and
a test row (:mod:`.rules`); ``docs/claims.md`` explains them.

The one entry point for the CLI and the HTTP API is :func:`proxywatch.jobs.check_claims`, which
extracts the article's events and calls :func:`check_article`.
"""

from proxywatch.analyse.claims import anchors, check, periods, reading  # noqa: F401  (registers every rule)
from proxywatch.analyse.claims.check import (check_article, check_claim, claims_of, coverage, read_tallies,
                                             select_claims, tally_relation, verdict)
from proxywatch.analyse.claims.model import (SCHEMA, VERDICTS, Anchor, ArticleClaims, Bounds, Claim, ClaimCheck,
                                             ClaimReport, Coverage, Scope, TallyUse, Window)
from proxywatch.analyse.claims.reading import ReadContext, read_sentence, read_text, sentences
from proxywatch.analyse.claims.rules import REGISTRY, Rule, rules_of
from proxywatch.store.claim_queries import source_is_empty

__all__ = [
    "SCHEMA", "VERDICTS", "Anchor", "ArticleClaims", "Bounds", "Claim", "ClaimCheck", "ClaimReport", "Coverage",
    "Scope", "TallyUse", "Window", "ReadContext", "REGISTRY", "Rule", "rules_of", "check_article", "check_claim",
    "claims_of", "coverage", "read_sentence", "read_tallies", "read_text", "select_claims", "sentences",
    "source_is_empty", "tally_relation", "verdict",
]
