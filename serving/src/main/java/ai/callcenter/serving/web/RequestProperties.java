package ai.callcenter.serving.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on a request before it is parsed (callcenter.web.*).
 *
 * @param maxBodySize    a larger body is refused with 413 before it is read further
 * @param maxHeaderCount Tomcat refuses more headers than this (its own error page); above the ingress's own limits
 */
@ConfigurationProperties("callcenter.web")
public record RequestProperties(DataSize maxBodySize, int maxHeaderCount) {
}
