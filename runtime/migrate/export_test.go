package migrate

// SplitStatementsForTest exposes the splitter to the external tests.
var SplitStatementsForTest = splitStatements
