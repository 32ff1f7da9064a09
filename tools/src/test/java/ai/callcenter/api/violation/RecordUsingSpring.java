package ai.callcenter.api.violation;

import org.springframework.http.HttpStatus;

/** Breaks a boundary on purpose (BoundariesTest): an api record that needs Spring. */
public record RecordUsingSpring(HttpStatus status) {
}
