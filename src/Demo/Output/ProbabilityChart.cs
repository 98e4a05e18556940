using System.Globalization;
using MlNetResNet.Pipelines;
using Spectre.Console;

namespace MlNetResNet.Demo.Output;

/// <summary>Prints one image's prediction: the top classes, then every class's probability as a bar.</summary>
internal static class ProbabilityChart
{
    public static void Print(ImagePrediction prediction, int top)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, prediction.ImagePath);
        string shown = relative.StartsWith("..", StringComparison.Ordinal) ? prediction.ImagePath : relative;
        var ranked = prediction.Ranked().Take(top).Select(p => $"{p.ClassName} {ReportView.Percent(p.Probability)}");
        Terminal.Line($"{shown}: {prediction.PredictedClass} ({ReportView.Percent(prediction.PredictedProbability)}); " +
                      $"top-{Math.Min(top, prediction.ClassNames.Count)}: {string.Join(", ", ranked)}; " +
                      $"sum {prediction.Probabilities.Sum().ToString("F4", CultureInfo.InvariantCulture)}");
        if (Terminal.IsInteractive)
        {
            var chart = new BarChart().Width(70).WithMaxValue(100);
            for (int i = 0; i < prediction.ClassNames.Count; i++)
                chart.AddItem(Markup.Escape(prediction.ClassNames[i]), Math.Round(prediction.Probabilities[i] * 100, 1),
                    i == prediction.Predicted ? Color.Green : Color.Grey);
            AnsiConsole.Write(chart);
            return;
        }
        int nameWidth = prediction.ClassNames.Max(name => name.Length);
        for (int i = 0; i < prediction.ClassNames.Count; i++)
        {
            int filled = (int)Math.Round(prediction.Probabilities[i] * 40);
            Console.Out.WriteLine($"  {prediction.ClassNames[i].PadRight(nameWidth)} |{new string('#', filled)}{new string(' ', 40 - filled)}| " +
                                  ReportView.Percent(prediction.Probabilities[i]));
        }
    }
}
