"""Sites, pages, text versions with cached scores, ratings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("origins", sa.Text, nullable=False),
        sa.Column("admin_token_hash", sa.String(64), nullable=False),
        sa.Column("retention_days", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.String(64), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("group_id", sa.Integer, nullable=True),
        sa.Column("current_version", sa.String(64), nullable=True),
        sa.UniqueConstraint("site_id", "url", name="uq_pages_site_url"),
    )
    op.create_table(
        "text_versions",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("band", sa.String(32), nullable=True),
        sa.Column("measures", sa.Text, nullable=False),
        sa.Column("paragraphs", sa.Text, nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "ratings",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.String(64), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("page_id", sa.Integer, sa.ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("version_hash", sa.String(64), sa.ForeignKey("text_versions.hash"), nullable=False),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.Column("paragraph_index", sa.Integer, nullable=True),
        sa.Column("paragraph_quote", sa.String(200), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("created_hour", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False),
        sa.UniqueConstraint("site_id", "idempotency_key", name="uq_ratings_idempotency"),
    )
    op.create_index("ix_ratings_page_version", "ratings", ["page_id", "version_hash"])
    op.create_index("ix_ratings_created_hour", "ratings", ["created_hour"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_index("ix_ratings_created_hour", "ratings")
    op.drop_index("ix_ratings_page_version", "ratings")
    op.drop_table("ratings")
    op.drop_table("text_versions")
    op.drop_table("pages")
    op.drop_table("sites")
