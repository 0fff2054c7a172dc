/**
 * Implementation details of the JDK transport (failure classification, the body deadline); not API,
 * may change in any release.
 */
@NullMarked
package dev.apimart.transport.jdkhttp.internal;

import org.jspecify.annotations.NullMarked;
