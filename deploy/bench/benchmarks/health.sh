# Health endpoint of catalog-service, direct and through the gateway (with a real Keycloak token,
# so the gateway verifies it on every request before streaming to the service). Liveness only:
# readiness runs every backing-store check per call and is polled every few seconds, not loaded.
bench_health() {
  wait_ready http://127.0.0.1:8081/q/health/ready
  wait_ready http://127.0.0.1:8080/q/health/ready
  local token; token="$(demo_token alice)"
  print_header
  http_load "catalog /q/health/live, direct" http://127.0.0.1:8081/q/health/live
  http_load "catalog health/live via gateway (token)" http://127.0.0.1:8080/api/v1/catalog/health/live \
    "Authorization: Bearer $token"
  http_load "gateway /q/health/live (no token)" http://127.0.0.1:8080/q/health/live
}
