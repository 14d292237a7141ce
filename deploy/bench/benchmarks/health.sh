# Health endpoint of catalog-service, direct and through the gateway (with a real Keycloak token,
# so the gateway verifies it on every request before streaming to the service). Liveness only:
# readiness runs every backing-store check per call and is polled every few seconds, not loaded.
# The row through the gateway with a token needs the gateway's rate limits off (see below).
bench_health() {
  wait_ready http://127.0.0.1:8081/q/health/ready
  wait_ready http://127.0.0.1:8080/q/health/ready
  local token; token="$(demo_token alice)"
  print_header
  http_load "catalog /q/health/live, direct" http://127.0.0.1:8081/q/health/live
  # The gateway counts every call against the caller's reads budget (600 a minute for a user by
  # default): a load through it measures 429s unless the gateway runs without rate limits
  # (KIROKU_GATEWAY_RATE_LIMIT_ENABLED=false in its environment when deploy/local/kiroku starts it).
  local policy
  policy="$(curl -fsS -o /dev/null -D - -H "Authorization: Bearer $token" \
    http://127.0.0.1:8080/api/v1/catalog/health/live | tr -d '\r' | sed -n 's/^[Rr]ate[Ll]imit-[Pp]olicy: //p')"
  if [ -n "$policy" ]; then
    print_row "catalog health/live via gateway (token)" "" "" "" "skipped: the gateway limits this caller ($policy); restart it with KIROKU_GATEWAY_RATE_LIMIT_ENABLED=false to measure the proxy"
  else
    http_load "catalog health/live via gateway (token)" http://127.0.0.1:8080/api/v1/catalog/health/live \
      "Authorization: Bearer $token"
  fi
  http_load "gateway /q/health/live (no token)" http://127.0.0.1:8080/q/health/live
}
