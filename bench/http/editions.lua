-- wrk script: GET /api/v1/editions/{id} over the seeded ids, round robin,
-- as JSON metadata or, with ACCEPT=xml, as the XML itself, with the API
-- token of NUSQA_TOKEN.
local ids = {}
local counter = 0
local accept = os.getenv("ACCEPT") == "xml" and "application/xml" or "application/json"
local authorization = "Bearer " .. os.getenv("NUSQA_TOKEN")

for line in io.lines(os.getenv("IDS_FILE")) do
    ids[#ids + 1] = line
end

request = function()
    counter = counter + 1
    local id = ids[(counter % #ids) + 1]
    return wrk.format("GET", "/api/v1/editions/" .. id, { ["Accept"] = accept, ["Authorization"] = authorization })
end

done = function(summary, latency, requests)
    io.write(string.format("RESULT requests/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms errors=%d non2xx=%d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(90) / 1000,
        latency:percentile(99) / 1000, latency.max / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.errors.status))
end
