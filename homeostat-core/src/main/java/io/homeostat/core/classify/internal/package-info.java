/**
 * The built-in classifiers behind {@link io.homeostat.core.classify.ErrorClassifier#defaults()}
 * and {@link io.homeostat.core.classify.ErrorClassifier#chain}. Not API: use the factories.
 */
package io.homeostat.core.classify.internal;
