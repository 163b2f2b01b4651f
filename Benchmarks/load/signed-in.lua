-- wrk script: GET one path with the session cookie in RELAIS_COOKIE (empty for a bare route). Prints p50/p90/p95/p99.
local cookie = os.getenv("RELAIS_COOKIE") or ""
local path = os.getenv("RELAIS_PATH") or "/api/v1/me"

request = function()
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  io.write(string.format("%s: %.0f req/s, errors %d", path, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format(", p%d %.2f ms", p, latency:percentile(p) / 1000))
  end
  io.write("\n")
end
