-- A function's (or version's, or alias's) configuration of asynchronous invocations, as
-- put-function-event-invoke-config sets it (https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html):
-- retries, maximum event age and the OnSuccess/OnFailure destinations, as the JSON Lambda answers.
CREATE TABLE lambda_event_invoke_configs (
    function  TEXT NOT NULL,
    qualifier TEXT NOT NULL,                     -- $LATEST, a version or an alias
    config    TEXT NOT NULL,                     -- the FunctionEventInvokeConfig document
    PRIMARY KEY (function, qualifier)
) WITHOUT ROWID;
