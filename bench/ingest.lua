-- wrk script for benchmark 5: POST /api/v1/calls/ with a new external id every request.
-- BENCH_API_KEY and BENCH_AGENT come from the environment.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0
local template = [[{"agent": "%s", "external_id": "load-%d-%d", "direction": "inbound",
"from_number": "+14155550134", "to_number": "+14155550000",
"started_at": "2026-11-25T10:05:00+00:00", "ended_at": "2026-11-25T10:08:00+00:00",
"timezone": "America/Los_Angeles",
"transcript": "Agent: Hello, this is Ada.\nUser: Hi, my name is Maria Gonzalez. Please call me back next Tuesday.\nAgent: Of course. Is this number the best one?\nUser: Yes, 415 555 0134."}]]

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_API_KEY")

request = function()
  counter = counter + 1
  local body = string.format(template, os.getenv("BENCH_AGENT"), thread_id, counter)
  return wrk.format(nil, "/api/v1/calls/", nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH-WRK %d %d %d %d %d %.1f %.1f\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
