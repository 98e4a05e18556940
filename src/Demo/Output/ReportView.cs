using System.Globalization;
using MlNetResNet.Pipelines;
using Spectre.Console;

namespace MlNetResNet.Demo.Output;

/// <summary>Prints an <see cref="EvaluationReport"/>: summary, per-class figures, confusion matrix, worst images.</summary>
internal static class ReportView
{
    public static void Print(EvaluationReport report, double imagesPerSecond)
    {
        var summary = new Table { Border = Terminal.Border }.AddColumns("metric", "value");
        summary.AddRow("images", report.Count.ToString(CultureInfo.InvariantCulture));
        summary.AddRow("micro accuracy", Percent(report.MicroAccuracy));
        summary.AddRow("macro accuracy", Percent(report.MacroAccuracy));
        summary.AddRow("log-loss", report.LogLoss.ToString("F4", CultureInfo.InvariantCulture));
        summary.AddRow($"top-{report.TopK} accuracy", Percent(report.TopKAccuracy));
        summary.AddRow("calibration error (ECE, 15 bins)", report.ExpectedCalibrationError.ToString("F4", CultureInfo.InvariantCulture));
        summary.AddRow("Brier score", report.BrierScore.ToString("F4", CultureInfo.InvariantCulture));
        summary.AddRow("evaluation speed", $"{imagesPerSecond:F1} img/s");
        AnsiConsole.Write(summary);

        var perClass = new Table { Border = Terminal.Border }.AddColumns("class", "precision", "recall", "F1", "images");
        foreach (var metrics in report.PerClass)
            perClass.AddRow(Markup.Escape(metrics.ClassName), Percent(metrics.Precision), Percent(metrics.Recall),
                Percent(metrics.F1), metrics.Support.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(perClass);
        if (report.LowSupportClasses.Count > 0)
            Terminal.Warning($"fewer than {EvaluationReport.LowSupportThreshold} images, so their figures are rough: " +
                             string.Join(", ", report.LowSupportClasses));

        var confusion = new Table { Border = Terminal.Border, Title = new TableTitle("confusion matrix (rows: true class, columns: predicted)") };
        confusion.AddColumn("true \\ predicted");
        foreach (string name in report.ClassNames) confusion.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (int truth = 0; truth < report.ClassNames.Count; truth++)
        {
            var cells = new List<string> { Markup.Escape(report.ClassNames[truth]) };
            for (int predicted = 0; predicted < report.ClassNames.Count; predicted++)
            {
                string count = report.ConfusionMatrix[truth, predicted].ToString(CultureInfo.InvariantCulture);
                cells.Add(truth == predicted && Terminal.IsInteractive ? $"[green]{count}[/]" : count);
            }
            confusion.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(confusion);

        var worst = report.WorstPredictions.Where(w => w.TrueClass != w.PredictedClass || w.TrueClassProbability < 0.5).ToList();
        if (worst.Count == 0) return;
        var table = new Table { Border = Terminal.Border, Title = new TableTitle("worst-predicted images") }
            .AddColumns("image", "true", "p(true)", "predicted", "p(predicted)");
        foreach (var w in worst)
            table.AddRow(Markup.Escape(Shorten(w.ImagePath ?? "?")), Markup.Escape(w.TrueClass), Percent(w.TrueClassProbability),
                Markup.Escape(w.PredictedClass), Percent(w.PredictedProbability));
        AnsiConsole.Write(table);
    }

    public static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    private static string Shorten(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
