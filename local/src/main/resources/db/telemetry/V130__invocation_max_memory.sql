-- A user function's environment's peak memory (REPORT's "Max Memory Used"); null for built-in functions.
ALTER TABLE function_invocations ADD COLUMN max_memory_mb INTEGER;
