/**
 * The WAHA door: WAHA's HTTP API (as its OpenAPI document of version 2026.7.1 publishes it) under {@code /api},
 * a second door to the services the {@code /v1} routes call. Shapes are WAHA's; what WAHA has and wagate
 * lacks answers 501 naming the missing feature.
 */
package io.wagate.waha;
