-- wrk script: every request is a new resident's call in Ville-Marie (a point spread over a few streets), sent to
-- POST /api/v1/service-requests with a dispatcher's token. Prints p50/p90/p95/p99 and the status counts.
local token = os.getenv("RELAIS_TOKEN")
local counter = 0
local statuses = {}

request = function()
  counter = counter + 1
  local lat = 45.510 + (counter % 50) * 0.0002
  local lon = -73.565 + (counter % 37) * 0.0002
  local body = string.format(
    '{"source":"resident","callerName":"Appel %d","callback":"514-555-%04d","address":"%d rue Sainte-Catherine Est",' ..
    '"latitude":%.5f,"longitude":%.5f,"situation":"conflict_between_people",' ..
    '"description":"Deux personnes se disputent devant un commerce.","peopleCount":2,"vulnerabilities":[],' ..
    '"immediateDangerToLife":false,"weapon":false,"crimeInProgress":false,"medicalEmergency":false}',
    counter, counter % 10000, counter, lat, lon)
  return wrk.format("POST", "/api/v1/service-requests",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s (%.0f/s), errors %d\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 95, 99}) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
