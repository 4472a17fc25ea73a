/**
 * Real attachment files for generated traffic: PDFs (PDFBox), QR images (ZXing), macro-enabled Office documents
 * with a VBA project, zip archives, calendar invitations and HTML pages. Every builder is deterministic: the same
 * arguments give the same bytes.
 */
package io.palisade.simulator.traffic.content;
