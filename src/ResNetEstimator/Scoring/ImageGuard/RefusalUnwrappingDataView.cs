using System.Runtime.ExceptionServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>
/// Scored data whose cursors rethrow a refused image as the <see cref="InvalidImageException"/> itself. ML.NET reads
/// upstream rows on worker threads and wraps what a getter throws in layers of InvalidOperationException ("Splitter/
/// consolidator worker encountered exception"), which would bury the one line that names the file.
/// </summary>
internal sealed class RefusalUnwrappingDataView(IDataView source) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(Unwrapped(() => source.GetRowCursor(columnsNeeded, rand)));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        Unwrapped(() => source.GetRowCursorSet(columnsNeeded, n, rand)).Select(cursor => (DataViewRowCursor)new Cursor(cursor)).ToArray();

    /// <summary>Runs <paramref name="action"/>, rethrowing a wrapped <see cref="InvalidImageException"/> as itself.</summary>
    public static T Unwrapped<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (InvalidOperationException wrapped) when (InvalidImageException.FindIn(wrapped) is { } refused)
        {
            ExceptionDispatchInfo.Capture(refused).Throw();
            throw;
        }
    }

    private sealed class Cursor(DataViewRowCursor inner) : DataViewRowCursor
    {
        public override DataViewSchema Schema => inner.Schema;

        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override bool MoveNext() => Unwrapped(inner.MoveNext);

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = inner.GetGetter<TValue>(column);
            return (ref TValue value) =>
            {
                try
                {
                    getter(ref value);
                }
                catch (InvalidOperationException wrapped) when (InvalidImageException.FindIn(wrapped) is { } refused)
                {
                    ExceptionDispatchInfo.Capture(refused).Throw();
                    throw;
                }
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
