namespace MlNetResNet;

/// <summary>How the saved model's probabilities are calibrated after training.</summary>
public enum ProbabilityCalibration
{
    /// <summary>The softmax of the network's logits, as trained.</summary>
    None,

    /// <summary>
    /// Temperature scaling (Guo et al., 2017): one scalar T fitted on the validation set to minimise the negative
    /// log-likelihood; the exported graph computes softmax(logits / T). Accuracy is unchanged (the arg-max is the same).
    /// </summary>
    Temperature,
}
