-- Lambda function URLs (create-function-url-config): one per function, or per alias of it.
CREATE TABLE lambda_function_urls (
    function    TEXT NOT NULL,
    qualifier   TEXT NOT NULL,                     -- the alias, or '' for the unqualified function
    url_id      TEXT NOT NULL UNIQUE,              -- the URL's 32-character id (its host label on AWS)
    config      TEXT NOT NULL,                     -- the FunctionUrlConfig as Lambda answers it (JSON)
    PRIMARY KEY (function, qualifier)
) WITHOUT ROWID;
