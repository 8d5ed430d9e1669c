-- wrk script: POSTs one fixed PutEvents body (JSON 1.1) on every request.
-- ENTRIES (env, default 10) entries per request; SOURCE (env, default "bench") is what the rule matches.
local entries = tonumber(os.getenv("ENTRIES") or "10")
local source = os.getenv("SOURCE") or "bench"
local items = {}
for i = 1, entries do
  items[i] = string.format('{"Source":"%s","DetailType":"bench","Detail":"{\\"candidateId\\":\\"c-%d\\",\\"n\\":%d}"}', source, i, i)
end
wrk.method = "POST"
wrk.path = "/"
wrk.body = '{"Entries":[' .. table.concat(items, ",") .. ']}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSEvents.PutEvents"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0"

-- fail loudly on any answer but 200 or any FailedEntryCount > 0
local failures = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"FailedEntryCount":0', 1, true) then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected answer: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end
