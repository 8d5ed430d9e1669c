-- What AWS would have refused about a delivery that the runtime made anyway (e.g. a rule invoking a
-- function whose resource policy does not allow it): shown with the delivery, never blocking it
-- unless permissions are enforced.
ALTER TABLE deliveries ADD COLUMN warning TEXT;
