-- wrk script: "who is my RÉSO officer?" for points spread over the Longueuil agglomeration's box (most inside a
-- sector, some in the river or beyond), GET /reso/agent.json?lat=&lon= with no session — or, with RELAIS_PATH set,
-- that one path (the bare /health route as the reference, a card page). Prints the rate, errors and p50/p90/p95/p99.
local fixed = os.getenv("RELAIS_PATH")
local counter = 0

request = function()
  if fixed and fixed ~= "" then return wrk.format("GET", fixed) end
  counter = counter + 1
  local lat = 45.41 + (counter % 97) * 0.0019
  local lon = -73.53 + (counter % 89) * 0.0023
  return wrk.format("GET", string.format("/reso/agent.json?lat=%.5f&lon=%.5f", lat, lon))
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s (%.0f/s), errors %d (non-2xx %d), p50 %.2f ms, p90 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
