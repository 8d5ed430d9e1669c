-- Init Duration of an invocation that started its execution environment (REPORT's "Init Duration").
ALTER TABLE function_invocations ADD COLUMN init_ms REAL;
-- The version that ran ($LATEST or a number): "START RequestId: … Version: …".
ALTER TABLE function_invocations ADD COLUMN version TEXT;
