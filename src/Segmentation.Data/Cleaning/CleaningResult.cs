using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Cleaning;

/// <summary>The cleaned transactions and what each rule removed.</summary>
public sealed record CleaningResult(TransactionTable Table, CleaningReport Report);
