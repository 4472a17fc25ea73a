/**
 * The demo mode: with no real tenant configured, the service runs against a simulated Microsoft 365 tenant whose
 * mail flows through real Graph notifications. The only package of the service that may use the simulator.
 */
package io.palisade.web.demo;
