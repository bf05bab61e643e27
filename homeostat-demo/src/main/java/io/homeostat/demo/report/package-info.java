/**
 * The run report: what a demo run recorded ({@link io.homeostat.demo.report.RecordedRun}), the
 * figures computed from it ({@link io.homeostat.demo.report.RunReport}) and their rendering as a
 * terminal table, JSON and Markdown ({@link io.homeostat.demo.report.ReportWriter}).
 */
package io.homeostat.demo.report;
