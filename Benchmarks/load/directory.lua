-- wrk script: a worker's directory search with every filter at once — words, a need, open now and nearest first
-- from a point in Montréal — against GET /api/v1/resources with a worker's token. Prints p50/p90/p95/p99.
local token = os.getenv("RELAIS_TOKEN")
local words = {"hebergement", "urgence", "repas", "ecoute", "clinique", "soutien", "jeunes", "femmes", "nuit",
  "shelter", "accueil", "crise", "juridique", "emploi", "quartier"}
local needs = {"housing", "food", "mental-health", "addiction", "medical", "legal", "income", "safety", "community"}
local counter = 0
local statuses = {}

request = function()
  counter = counter + 1
  local word = words[(counter % #words) + 1]
  local need = needs[(counter % #needs) + 1]
  local lat = 45.45 + (counter % 23) * 0.01
  local lon = -73.90 + (counter % 37) * 0.011
  local path = string.format("/api/v1/resources?q=%s&need=%s&open_now=true&near=%.4f,%.4f", word, need, lat, lon)
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
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
