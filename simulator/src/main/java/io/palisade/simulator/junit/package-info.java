/** JUnit 5 support: start a simulator per test class, and build SDK clients that talk to it. */
package io.palisade.simulator.junit;
