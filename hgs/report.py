"""`hgs.report.render`, as before: the verslag lives in hgs.exports.verslag."""

from hgs.exports.verslag import render

__all__ = ["render"]
