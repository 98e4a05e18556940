using ScottPlot;

namespace MlNetResNet.Demo.Drawing;

/// <summary>The training curves PNG: losses on the left axis, validation accuracy on the right.</summary>
public static class TrainingCurvesChart
{
    /// <summary>Writes the chart to <paramref name="path"/> (PNG). Only primitive types cross the load-context boundary.</summary>
    public static void WritePng(string path, int[] epochs, double[] trainLoss, double[] validationLoss, double[] validationAccuracy,
        int bestEpoch, string title)
    {
        var plot = new Plot();
        double[] x = epochs.Select(epoch => (double)epoch).ToArray();
        var train = plot.Add.Scatter(x, trainLoss);
        train.LegendText = "train loss";
        var validation = plot.Add.Scatter(x, validationLoss.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray());
        validation.LegendText = "val loss";
        var accuracy = plot.Add.Scatter(x, validationAccuracy.Select(v => v * 100).ToArray());
        accuracy.LegendText = "val accuracy (%)";
        accuracy.Axes.YAxis = plot.Axes.Right;
        if (bestEpoch > 0)
        {
            var best = plot.Add.VerticalLine(bestEpoch);
            best.LegendText = $"best epoch {bestEpoch}";
            best.LinePattern = LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("cross-entropy");
        plot.Axes.Right.Label.Text = "validation accuracy (%)";
        plot.Axes.Right.Min = 0;
        plot.Axes.Right.Max = 100;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, 800, 500);
    }
}
