/**
 * Internal: not part of Huzhu's API, changed without notice. What the project's own tools share with the engine
 * (reading ruleset folders, YAML with the loading limits, the claim state rules run against). The module
 * descriptor exports this package only to Huzhu's own modules; embedders use {@code org.huzhu.api}.
 */
package org.huzhu.engine.internal;
