using System.Globalization;
using MlNetResNet.Demo.Drawing;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.IO;

namespace MlNetResNet.Demo.Output;

/// <summary>
/// Writes <c>evaluate --report</c>: <see cref="InterpretationDocument"/>'s JSON and two contact sheets, the top losses
/// and the most-confused pairs with a few of their images each.
/// </summary>
internal static class InterpretationSheets
{
    private const int Columns = 4;

    public static void Write(string folder, ClassificationInterpretation interpretation)
    {
        InterpretationDocument.Write(folder, interpretation);
        var losses = interpretation.TopLosses.Where(loss => loss.ImagePath is not null).ToList();
        Sheet(Path.Combine(folder, InterpretationDocument.TopLossesSheet), "Top losses (actual / predicted / loss / p(actual))",
            losses.Select(loss => loss.ImagePath!).ToList(),
            losses.Select(loss => $"{loss.Actual} / {loss.Predicted}\n{Format(loss.Loss)} / {Format(loss.ActualProbability)}\n{Path.GetFileName(loss.ImagePath)}").ToList());
        var examples = interpretation.MostConfused.SelectMany(pair => pair.Examples.Select(path => (Pair: pair, Path: path))).ToList();
        Sheet(Path.Combine(folder, InterpretationDocument.MostConfusedSheet), "Most confused (actual -> predicted, times)",
            examples.Select(example => example.Path).ToList(),
            examples.Select(example => $"{example.Pair.Actual} -> {example.Pair.Predicted}\n{example.Pair.Count} times\n{Path.GetFileName(example.Path)}").ToList());
    }

    private static void Sheet(string path, string title, IReadOnlyList<string> images, IReadOnlyList<string> captions) =>
        AtomicFile.Write(path, (string temporary) => DrawingPlugin.Instance.WriteContactSheet(temporary, title, images, captions, Columns));

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
