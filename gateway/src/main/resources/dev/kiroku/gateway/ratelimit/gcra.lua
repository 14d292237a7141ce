-- GCRA (generic cell rate algorithm) for one caller and route class, in one round trip.
-- KEYS[1]  the budget's key; its value is the theoretical arrival time (TAT), ms since the epoch
--          by Redis's clock, so every gateway replica counts on the same clock
-- ARGV[1]  quota: requests per window (>= 1)
-- ARGV[2]  window, ms (>= 1000)
-- Returns {allowed 1|0, remaining, reset ms, retry-after ms}:
--   remaining    requests left after this one (0 when refused)
--   reset        ms until the whole quota is back
--   retry-after  ms until one request is allowed again (0 when allowed)
-- A request costs window/quota ms of "debt"; it is allowed while the debt stays within one window,
-- so a full quota may be spent at once and one request comes back every window/quota ms. A refused
-- request costs nothing. The key expires when the whole quota is back.
local quota = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local interval = window / quota
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
-- half a millisecond of slack against floating-point rounding (e.g. 7 requests of 60000/7 ms)
local slack = 0.5
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then
  tat = now
end
local new_tat = tat + interval
if new_tat - now > window + slack then
  return {0, 0, math.ceil(tat - now), math.ceil(new_tat - window - now)}
end
redis.call('SET', KEYS[1], string.format('%.3f', new_tat), 'PX', math.ceil(new_tat - now))
return {1, math.floor((window + slack - (new_tat - now)) / interval), math.ceil(new_tat - now), 0}
