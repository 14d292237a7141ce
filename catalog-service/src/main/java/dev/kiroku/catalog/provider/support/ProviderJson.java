package dev.kiroku.catalog.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroku.catalog.provider.ProviderUnavailableException;
import java.io.IOException;

/**
 * Parses provider bodies with Jackson from bytes, so a UTF-8 byte-order mark (as in the Google
 * Books fixtures) or leading blank lines (as iTunes serves) are accepted.
 */
public final class ProviderJson {

  private final String provider;
  private final ObjectMapper mapper;

  public ProviderJson(String provider, ObjectMapper mapper) {
    this.provider = provider;
    this.mapper = mapper;
  }

  /**
   * @return the JSON tree
   * @throws ProviderUnavailableException when the body is empty or not JSON
   */
  public JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new ProviderUnavailableException(provider, "empty body", null);
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ProviderUnavailableException(provider, "empty body", null);
      }
      return node;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ProviderUnavailableException(
          provider, "unreadable body: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProviderUnavailableException(provider, "unreadable body", e);
    }
  }

  /** The mapper, for building request bodies. */
  public ObjectMapper mapper() {
    return mapper;
  }
}
