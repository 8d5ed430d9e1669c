-- wrk script: POSTs a fixed PutEvents body (JSON 1.1) on every request.
-- ENTRIES (env, default 10) entries per request; SOURCE (env, default "bench") is what the rule matches.
-- CANDIDATES (env, default: ENTRIES): how many candidates the events are about. Each request names
-- ENTRIES of them; past ENTRIES, the requests are built once, in advance, and sent in turn, so each
-- event in a run of CANDIDATES events is about a candidate of its own, named by a hash (as e-mail
-- addresses or ids are) rather than a counter, whose consecutive values would sort side by side.
local entries = tonumber(os.getenv("ENTRIES") or "10")
local source = os.getenv("SOURCE") or "bench"
local candidates = math.max(entries, tonumber(os.getenv("CANDIDATES") or tostring(entries)))
local function candidate(k)
  if candidates == entries then return "c-" .. k end
  return string.format("c-%08x", (k * 2654435761) % 4294967296) -- Knuth's multiplicative hash: distinct for k < 2^32
end
local function body(first)
  local items = {}
  for i = 1, entries do
    items[i] = string.format('{"Source":"%s","DetailType":"bench","Detail":"{\\"candidateId\\":\\"%s\\",\\"n\\":%d}"}',
        source, candidate(first + i), i)
  end
  return '{"Entries":[' .. table.concat(items, ",") .. ']}'
end
wrk.method = "POST"
wrk.path = "/"
wrk.body = body(0)
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AWSEvents.PutEvents"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0"
if candidates > entries then
  local requests, next = {}, 1
  init = function() -- once wrk has set the Host header
    for first = 0, candidates - 1, entries do
      requests[#requests + 1] = wrk.format(nil, nil, nil, body(first))
    end
  end
  request = function()
    local r = requests[next]
    next = next % #requests + 1
    return r
  end
end

-- fail loudly on any answer but 200 or any FailedEntryCount > 0
local failures = 0
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"FailedEntryCount":0', 1, true) then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected answer: " .. status .. " " .. body:sub(1, 300) .. "\n") end
  end
end
