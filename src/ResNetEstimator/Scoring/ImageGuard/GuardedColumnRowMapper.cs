using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>A row mapper that runs a column's check on every input row before the inner mapper reads it.</summary>
internal sealed class GuardedColumnRowMapper(IRowToRowMapper inner, IColumnReadGuard guard) : IRowToRowMapper
{
    public DataViewSchema InputSchema => inner.InputSchema;

    public DataViewSchema OutputSchema => inner.OutputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        inner.GetDependencies(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        inner.GetRow(new GuardedColumnRow(input, guard), activeColumns);
}
