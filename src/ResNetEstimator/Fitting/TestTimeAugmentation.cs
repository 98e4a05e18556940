namespace MlNetResNet;

/// <summary>What the saved model averages over when it scores an image.</summary>
public enum TestTimeAugmentation
{
    /// <summary>One pass over the image.</summary>
    None,

    /// <summary>
    /// The mean of the logits for the image and for its mirror image, computed inside the exported ONNX graph (so a loaded
    /// model.zip does it too) and in the validation passes of training. About twice the scoring cost.
    /// </summary>
    HorizontalFlip,
}
