"""The write model: accounts, moderation, cities, specialties, profiles, follows, photos,
the outbox and idempotency keys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 13:18:23.673465
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The specialties taxonomy as of this revision; later changes get revisions of their own.
SPECIALTIES = [
    ("portrait", "Portrait"),
    ("fashion", "Fashion"),
    ("wedding", "Wedding"),
    ("street", "Street"),
    ("boudoir", "Boudoir"),
    ("editorial", "Editorial"),
    ("commercial", "Commercial"),
    ("fine-art", "Fine art"),
    ("sports", "Sports"),
    ("beauty", "Beauty"),
    ("fitness", "Fitness"),
    ("glamour", "Glamour"),
    ("lifestyle", "Lifestyle"),
    ("headshot", "Headshot"),
    ("event", "Event"),
    ("product", "Product"),
    ("landscape", "Landscape"),
    ("documentary", "Documentary"),
    ("family", "Family"),
    ("maternity", "Maternity"),
    ("newborn", "Newborn"),
    ("runway", "Runway"),
    ("swimwear", "Swimwear"),
    ("cosplay", "Cosplay"),
    ("art-nude", "Art nude"),
    ("architecture", "Architecture"),
    ("food", "Food"),
    ("travel", "Travel"),
    ("music", "Music"),
    ("dance", "Dance"),
]

# Every committed outbox insert wakes the projector; the notification is sent on commit.
NOTIFY_FUNCTION = """
CREATE FUNCTION lumen_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('lumen_outbox', '');
  RETURN NULL;
END $$;
"""
NOTIFY_TRIGGER = """
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
FOR EACH STATEMENT EXECUTE FUNCTION lumen_outbox_notify();
"""


def upgrade() -> None:
    op.create_table(
        "cities",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("ascii_name", sa.String(length=200), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("country_name", sa.String(length=100), nullable=False),
        sa.Column("region_code", sa.String(length=20), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("alternate_names", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name=op.f("ck_cities_latitude")),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name=op.f("ck_cities_longitude")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cities")),
    )
    op.create_index(op.f("ix_cities_country_code"), "cities", ["country_code"], unique=False)
    op.create_table(
        "idempotency_keys",
        sa.Column("caller_uid", sa.String(length=128), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=128), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("headers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("caller_uid", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(
        op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"], unique=False
    )
    op.create_table(
        "moderation_actions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("actor_uid", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target_type", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "action IN ('suspend_user', 'unsuspend_user', 'hide_photo', 'unhide_photo')",
            name=op.f("ck_moderation_actions_action"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_actions")),
    )
    op.create_index(
        op.f("ix_moderation_actions_actor_uid"), "moderation_actions", ["actor_uid"], unique=False
    )
    op.create_index(
        op.f("ix_moderation_actions_target_id"), "moderation_actions", ["target_id"], unique=False
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("aggregate_type", sa.String(length=32), nullable=False),
        sa.Column("aggregate_id", sa.String(length=128), nullable=False),
        sa.Column("aggregate_version", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dead_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(
        "ix_outbox_aggregate", "outbox", ["aggregate_type", "aggregate_id"], unique=False
    )
    op.create_index(
        "ix_outbox_pending",
        "outbox",
        ["next_attempt_at", "id"],
        unique=False,
        postgresql_where=sa.text("processed_at IS NULL AND dead_at IS NULL"),
    )
    op.create_table(
        "specialties",
        sa.Column("slug", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_specialties")),
    )
    specialties = sa.table("specialties", sa.column("slug"), sa.column("name"))
    op.bulk_insert(specialties, [{"slug": s, "name": n} for s, n in SPECIALTIES])
    op.create_table(
        "users",
        sa.Column("uid", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("birth_date_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("role IN ('photographer', 'model')", name=op.f("ck_users_role")),
        sa.CheckConstraint(
            "status IN ('active', 'suspended', 'deleted')", name=op.f("ck_users_status")
        ),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_users")),
    )
    op.create_index(op.f("ix_users_status"), "users", ["status"], unique=False)
    op.create_table(
        "profiles",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_uid", sa.String(length=128), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("headline", sa.String(length=140), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=8)), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("location_precision", sa.String(length=16), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("discoverable", sa.Boolean(), nullable=False),
        sa.Column("nearby_opt_in", sa.Boolean(), nullable=False),
        sa.Column("links", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("attributes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("followers_count", sa.Integer(), nullable=False),
        sa.Column("following_count", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "location_precision IN ('exact', 'approximate', 'city', 'hidden')",
            name=op.f("ck_profiles_location_precision"),
        ),
        sa.CheckConstraint(
            "visibility IN ('public', 'followers', 'private')", name=op.f("ck_profiles_visibility")
        ),
        sa.CheckConstraint(
            "(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_profiles_coordinates_paired")
        ),
        sa.CheckConstraint(
            "followers_count >= 0 AND following_count >= 0", name=op.f("ck_profiles_counts")
        ),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name=op.f("ck_profiles_latitude")),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name=op.f("ck_profiles_longitude")),
        sa.ForeignKeyConstraint(
            ["city_id"], ["cities.id"], name=op.f("fk_profiles_city_id_cities")
        ),
        sa.ForeignKeyConstraint(
            ["user_uid"], ["users.uid"], name=op.f("fk_profiles_user_uid_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("user_uid", name=op.f("uq_profiles_user_uid")),
    )
    op.create_index(op.f("ix_profiles_city_id"), "profiles", ["city_id"], unique=False)
    op.create_index(op.f("ix_profiles_visibility"), "profiles", ["visibility"], unique=False)
    op.create_table(
        "follows",
        sa.Column("follower_id", sa.Uuid(), nullable=False),
        sa.Column("followee_id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("follower_id <> followee_id", name=op.f("ck_follows_not_self")),
        sa.ForeignKeyConstraint(
            ["followee_id"],
            ["profiles.id"],
            name=op.f("fk_follows_followee_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["follower_id"],
            ["profiles.id"],
            name=op.f("fk_follows_follower_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("follower_id", "followee_id", name=op.f("pk_follows")),
    )
    op.create_index(op.f("ix_follows_followee_id"), "follows", ["followee_id"], unique=False)
    op.create_table(
        "photos",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=140), nullable=True),
        sa.Column("caption", sa.Text(), nullable=True),
        sa.Column("tags", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("moderation", sa.String(length=16), nullable=False),
        sa.Column("moderation_reason", sa.Text(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("exif", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("location_precision", sa.String(length=16), nullable=False),
        sa.Column("city_id", sa.Integer(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("original_key", sa.String(length=200), nullable=True),
        sa.Column("variants", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("placeholder", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "location_precision IN ('exact', 'approximate', 'city', 'hidden')",
            name=op.f("ck_profiles_location_precision"),
        ),
        sa.CheckConstraint(
            "moderation IN ('visible', 'hidden')", name=op.f("ck_photos_moderation")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'processing', 'ready', 'failed')", name=op.f("ck_photos_status")
        ),
        sa.CheckConstraint(
            "visibility IN ('public', 'followers', 'private')", name=op.f("ck_profiles_visibility")
        ),
        sa.CheckConstraint(
            "(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_profiles_coordinates_paired")
        ),
        sa.CheckConstraint("latitude BETWEEN -90 AND 90", name=op.f("ck_profiles_latitude")),
        sa.CheckConstraint("longitude BETWEEN -180 AND 180", name=op.f("ck_profiles_longitude")),
        sa.CheckConstraint("width > 0 AND height > 0", name=op.f("ck_photos_dimensions")),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name=op.f("fk_photos_city_id_cities")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["profiles.id"],
            name=op.f("fk_photos_owner_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
    )
    op.create_index(op.f("ix_photos_city_id"), "photos", ["city_id"], unique=False)
    op.create_index(
        "ix_photos_owner_id_created_at", "photos", ["owner_id", "created_at"], unique=False
    )
    op.create_index(op.f("ix_photos_status"), "photos", ["status"], unique=False)
    op.create_table(
        "profile_specialties",
        sa.Column("profile_id", sa.Uuid(), nullable=False),
        sa.Column("specialty_slug", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_profile_specialties_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["specialty_slug"],
            ["specialties.slug"],
            name=op.f("fk_profile_specialties_specialty_slug_specialties"),
        ),
        sa.PrimaryKeyConstraint(
            "profile_id", "specialty_slug", name=op.f("pk_profile_specialties")
        ),
    )
    op.create_index(
        op.f("ix_profile_specialties_specialty_slug"),
        "profile_specialties",
        ["specialty_slug"],
        unique=False,
    )
    op.execute(NOTIFY_FUNCTION)
    op.execute(NOTIFY_TRIGGER)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS outbox_notify ON outbox")
    op.execute("DROP FUNCTION IF EXISTS lumen_outbox_notify()")
    op.drop_index(op.f("ix_profile_specialties_specialty_slug"), table_name="profile_specialties")
    op.drop_table("profile_specialties")
    op.drop_index(op.f("ix_photos_status"), table_name="photos")
    op.drop_index("ix_photos_owner_id_created_at", table_name="photos")
    op.drop_index(op.f("ix_photos_city_id"), table_name="photos")
    op.drop_table("photos")
    op.drop_index(op.f("ix_follows_followee_id"), table_name="follows")
    op.drop_table("follows")
    op.drop_index(op.f("ix_profiles_visibility"), table_name="profiles")
    op.drop_index(op.f("ix_profiles_city_id"), table_name="profiles")
    op.drop_table("profiles")
    op.drop_index(op.f("ix_users_status"), table_name="users")
    op.drop_table("users")
    op.drop_table("specialties")
    op.drop_index(
        "ix_outbox_pending",
        table_name="outbox",
        postgresql_where=sa.text("processed_at IS NULL AND dead_at IS NULL"),
    )
    op.drop_index("ix_outbox_aggregate", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_moderation_actions_target_id"), table_name="moderation_actions")
    op.drop_index(op.f("ix_moderation_actions_actor_uid"), table_name="moderation_actions")
    op.drop_table("moderation_actions")
    op.drop_index(op.f("ix_idempotency_keys_created_at"), table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    op.drop_index(op.f("ix_cities_country_code"), table_name="cities")
    op.drop_table("cities")
