using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>A cursor whose guarded column runs its check before handing out each row's value.</summary>
internal sealed class GuardedColumnCursor(DataViewRowCursor inner, IColumnReadGuard guard) : DataViewRowCursor
{
    public override DataViewSchema Schema => inner.Schema;

    public override long Position => inner.Position;

    public override long Batch => inner.Batch;

    public override bool MoveNext() => inner.MoveNext();

    public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

    public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var getter = inner.GetGetter<TValue>(column);
        return column.Index == guard.Column.Index ? (ValueGetter<TValue>)guard.Wrap(getter, () => inner.Position) : getter;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
