package io.palisade.web.demo;

import io.palisade.simulator.control.SimTenant;
import io.palisade.simulator.traffic.MailboxDirectory;

/**
 * The simulated tenant of the demo mode.
 *
 * @param tenant its identity and the app's credentials in the simulator
 * @param directory its people, for the traffic generator
 */
record DemoTenant(SimTenant tenant, MailboxDirectory directory) {}
