using System.Globalization;
using System.Text;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// Every validation image's label and calibrated scores of one run, as CSV, so that calibration can be studied after the
/// fact (per class, per confidence) without training again.
/// </summary>
internal static class ScoresFile
{
    public static void Write(string path, IReadOnlyList<string> classNames, IReadOnlyList<ScoredExample> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        text.AppendLine("label," + string.Join(",", classNames));
        foreach (var row in rows)
            text.AppendLine(row.Label.ToString(CultureInfo.InvariantCulture) + "," +
                            string.Join(",", row.Scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>A row name as a file name: letters and digits kept, every other run of characters one dash.</summary>
    public static string Slug(string rowName) =>
        string.Join("-", rowName.Split(rowName.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
