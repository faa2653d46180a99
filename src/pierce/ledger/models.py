"""The ledger schema: one SQLAlchemy Core metadata for SQLite and PostgreSQL.

Every record table has a text `id` and the `seq` of its leaf in the Merkle log. Dates are ISO
strings and lists are canonical JSON text, so the bytes that are hashed are the bytes stored on
either backend.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _record_table(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        *columns,
    )


def _date(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.String(10), nullable=nullable)


organisations = _record_table(
    "organisations",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.String(8)),
    sa.Column("store_entity_id", sa.String(200)),  # FtM entity id in the knowledge store
    sa.Column("note", sa.Text),
)

relationships = _record_table(
    "relationships",
    sa.Column("kind", sa.String(40), nullable=False),  # joint_venture | equity | affiliate
    sa.Column("org", sa.String(200), nullable=False),  # partner / shareholder
    sa.Column("target", sa.String(200), nullable=False),  # JV / company held
    sa.Column("share", sa.Float),  # percentage
    _date("start"),
    _date("end"),
    sa.Column("source", sa.Text),
)

people = _record_table(
    "people",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("note", sa.Text),
)

employments = _record_table(
    "employments",
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("organisation", sa.String(200), nullable=False),
    sa.Column("role", sa.Text),
    _date("start"),
    _date("end"),
    sa.Column("source", sa.Text),
)

agreements = _record_table(
    "agreements",
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("parties", sa.Text, nullable=False),  # JSON list of organisation ids
    _date("signed"),
    _date("effective"),
    _date("term_end"),
    sa.Column("permitted_purpose", sa.Text),
    sa.Column("marking_required", sa.Boolean, nullable=False),
    sa.Column("memory_carve_out", sa.Boolean, nullable=False),
    sa.Column("trade_secret_exception", sa.Boolean, nullable=False),
    sa.Column("limitation_months", sa.Integer),
    sa.Column("return_or_destroy", sa.Boolean, nullable=False),
    sa.Column("note", sa.Text),
)

customers = _record_table(
    "customers",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("contacts", sa.Text, nullable=False),  # JSON list of contact points
    sa.Column("canary_for", sa.String(200)),  # person id: a decoy given only to this person
    sa.Column("note", sa.Text),
)

blobs = _record_table(
    "blobs",  # content-addressed: id is the SHA-256 of content
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("media_type", sa.String(100)),
)

disclosures = _record_table(
    "disclosures",
    sa.Column("agreement", sa.String(200), nullable=False),
    sa.Column("discloser", sa.String(200), nullable=False),
    sa.Column("recipient_org", sa.String(200), nullable=False),
    sa.Column("recipients", sa.Text, nullable=False),  # JSON list of person ids
    _date("date", nullable=False),
    sa.Column("customers", sa.Text, nullable=False),  # JSON list of customer ids
    sa.Column("fields", sa.Text, nullable=False),  # JSON list of field names
    sa.Column("content_sha256", sa.String(64)),
    sa.Column("marking", sa.Text),
    sa.Column("purpose", sa.Text),
    sa.Column("market_size", sa.Integer),  # plausible customers in this market, for scoring
    sa.Column("channel", sa.Text),
)

events = _record_table(
    "events",
    sa.Column("kind", sa.String(40), nullable=False),  # contact | jv_formed | employer_change |
    _date("date", nullable=False),  # agreement_end
    sa.Column("org", sa.String(200)),
    sa.Column("customer", sa.String(200)),
    sa.Column("person", sa.String(200)),
    sa.Column("agreement", sa.String(200)),
    sa.Column("contact_point", sa.Text),
    sa.Column("message_sha256", sa.String(64)),
    sa.Column("message", sa.Text),
    sa.Column("purpose", sa.Text),
    sa.Column("related", sa.Text),  # JSON list of other ids (JV partners, ...)
    sa.Column("source", sa.Text),
)

RECORD_TABLES: dict[str, sa.Table] = {
    t.name: t
    for t in (organisations, relationships, people, employments, agreements, customers, blobs,
              disclosures, events)
}

log = sa.Table(
    "log",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("leaf_hash", sa.String(64), nullable=False),
)

log_head = sa.Table(  # one row; locked FOR UPDATE so appends are serialised on PostgreSQL
    "log_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("size", sa.Integer, nullable=False),
)

tree_heads = sa.Table(
    "tree_heads",
    metadata,
    sa.Column("size", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("root", sa.String(64), nullable=False),
    sa.Column("signed_at", sa.String(40), nullable=False),
    sa.Column("public_key", sa.String(64), nullable=False),
    sa.Column("signature", sa.String(128), nullable=False),
    sa.Column("timestamp_token", sa.LargeBinary),  # RFC 3161 TimeStampResp (DER), optional
    sa.Column("tsa", sa.Text),
)
