using static TorchSharp.torch;

namespace MlNetResNet.Training.Calibration;

/// <summary>Logit rows and their labels copied out of validation batches, for fitting a temperature.</summary>
internal sealed class LabelledLogits
{
    private readonly List<float[]> logits = [];
    private readonly List<int> labels = [];

    public IReadOnlyList<float[]> Logits => logits;

    public IReadOnlyList<int> Labels => labels;

    public int Count => labels.Count;

    /// <summary>Copies a batch (<c>[N, classes]</c> logits, <c>[N]</c> labels) to managed arrays.</summary>
    /// <remarks>Each copy starts with <c>detach()</c>, a new handle, so disposing it never disposes the caller's tensors.</remarks>
    public void Add(Tensor batchLogits, Tensor batchLabels)
    {
        using var values = batchLogits.detach().to(ScalarType.Float32).cpu().contiguous();
        using var classes = batchLabels.detach().cpu().to(ScalarType.Int64);
        var flat = values.data<float>().ToArray();
        var rows = classes.data<long>().ToArray();
        int width = (int)values.shape[1];
        for (int row = 0; row < rows.Length; row++)
        {
            logits.Add(flat.AsSpan(row * width, width).ToArray());
            labels.Add((int)rows[row]);
        }
    }
}
