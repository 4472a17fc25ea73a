-- wrk script: POSTs Graph change notifications to /webhooks/m365, each for a new message id, so every request
-- stores one work item (a repeat would only hit the duplicate path). SUBSCRIPTION and CLIENT_STATE come from the
-- environment; webhook-load.sh creates them.
local subscription = os.getenv("SUBSCRIPTION")
local client_state = os.getenv("CLIENT_STATE")
local counter = 0
local thread_tag

function setup(thread)
  thread:set("tag", tostring(math.random(1, 1e9)))
end

function init(args)
  thread_tag = tag or tostring(math.random(1, 1e9))
end

function request()
  counter = counter + 1
  local id = "bench-" .. thread_tag .. "-" .. counter
  local body = '{"value":[{"subscriptionId":"' .. subscription .. '","clientState":"' .. client_state ..
      '","changeType":"created","resource":"users/bench/messages/' .. id ..
      '","tenantId":"bench","resourceData":{"@odata.type":"#Microsoft.Graph.Message","id":"' .. id .. '"}}]}'
  return wrk.format("POST", "/webhooks/m365", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.timeout
  io.write(string.format("requests=%d duration_s=%.1f rate_per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
