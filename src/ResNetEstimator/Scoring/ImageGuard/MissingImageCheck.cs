using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring.ImageGuard;

/// <summary>
/// Refuses a row whose MLImage column holds no image: LoadImages gives none for an empty path, and ResizeImages and
/// ExtractPixels then hand the network an all-zero picture that is scored without a word.
/// </summary>
internal sealed class MissingImageCheck(DataViewSchema.Column column) : IColumnReadGuard
{
    public DataViewSchema.Column Column { get; } = column;

    public Delegate Wrap(Delegate getter, Func<long> position)
    {
        var getImage = (ValueGetter<MLImage>)getter;
        return (ValueGetter<MLImage>)((ref MLImage value) =>
        {
            getImage(ref value);
            if (value is not null) return;
            long row = position();
            string where = row >= 0 ? $"in row {row} of column '{Column.Name}'" : $"in column '{Column.Name}'";
            throw new InvalidImageException(where,
                "is missing (LoadImages gives no image for an empty path); it would be scored as an all-zero image.");
        });
    }
}
