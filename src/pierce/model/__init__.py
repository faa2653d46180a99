"""Extensions beside FollowTheMoney: ownership shares as ranges, dated renames, products.

See README.md in this folder for how each extension is written as plain FtM so that FtM JSON
lines stay lossless.
"""

from pierce.model.shares import Share, parse_share

__all__ = ["Share", "parse_share"]
