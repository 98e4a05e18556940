using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>A single row (a prediction engine's input) whose guarded column runs its check on every read.</summary>
internal sealed class GuardedColumnRow(DataViewRow inner, IColumnReadGuard guard) : DataViewRow
{
    public override DataViewSchema Schema => inner.Schema;

    public override long Position => inner.Position;

    public override long Batch => inner.Batch;

    public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

    public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var getter = inner.GetGetter<TValue>(column);
        // A prediction engine reuses one row object for every call, so it has no row number to cache a check on.
        return column.Index == guard.Column.Index ? (ValueGetter<TValue>)guard.Wrap(getter, () => -1) : getter;
    }
}
