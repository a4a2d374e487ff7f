-- The audit trail is append-only: rows can be inserted, never changed or removed. This complements the hash
-- chain (which makes tampering detectable) by making ordinary tampering impossible. Triggers and functions are
-- invisible to Prisma's schema diffing, so schema.prisma does not mention them.

-- CreateFunction
CREATE FUNCTION "AuditEvent_reject_change"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'raise_exception',
          HINT = 'Record a new audit event instead of changing or removing an existing one.';
END;
$$;

-- CreateTrigger (statement level, so it fires even when no row matches)
CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_reject_change"();
