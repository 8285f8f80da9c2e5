package io.xmodal.engine.internal.train;

import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.HashMap;
import java.util.Map;

/**
 * Updates one group of parameters from their gradients, with PyTorch's semantics: weight decay is
 * added to the gradient, the global gradient norm is clipped first when asked. Adam uses ND4J's
 * updater; SGD with (Nesterov) momentum is written here because ND4J's Sgd has no momentum.
 */
public final class Optimizer {
    private final String kind;
    private final double lr;
    private final double weightDecay;
    private final double clipNorm;
    private final double momentum;
    private final boolean nesterov;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, GradientUpdater<?>> adam = new HashMap<>();
    private final Map<String, INDArray> velocity = new HashMap<>();
    private int iteration;

    public Optimizer(Experiment.Use cfg) {
        Map<String, Object> w = cfg.with();
        this.kind = cfg.use();
        this.lr = num(w, "lr");
        this.weightDecay = num(w, "weight-decay");
        this.clipNorm = num(w, "clip-norm");
        this.momentum = w.containsKey("momentum") ? num(w, "momentum") : 0;
        this.nesterov = Boolean.TRUE.equals(w.get("nesterov"));
        this.beta1 = w.containsKey("beta1") ? num(w, "beta1") : 0.9;
        this.beta2 = w.containsKey("beta2") ? num(w, "beta2") : 0.999;
        this.epsilon = w.containsKey("epsilon") ? num(w, "epsilon") : 1e-8;
    }

    private static double num(Map<String, Object> w, String k) {
        return ((Number) w.get(k)).doubleValue();
    }

    /**
     * Applies one step to {@code params} (name to the live parameter array) from {@code grads}.
     *
     * @return the global gradient norm before clipping, or NaN when clipping is off (not computed)
     */
    public double step(Map<String, INDArray> params, Map<String, INDArray> grads, int epoch) {
        double norm = Double.NaN;
        double clip = 1.0;
        if (clipNorm > 0) {
            // the global norm costs a reduction and a sync per parameter: only when clipping asks for it
            double sq = 0;
            for (INDArray g : grads.values()) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
            norm = Math.sqrt(sq);
            clip = norm > clipNorm ? clipNorm / (norm + 1e-12) : 1.0;
        }
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            INDArray p = params.get(e.getKey());
            INDArray g = e.getValue();
            if (clip != 1.0) {
                g.muli(clip);
            }
            if (weightDecay > 0) {
                g.addi(p.mul(weightDecay));
            }
            if (kind.equals("adam")) {
                GradientUpdater<?> u = adam.computeIfAbsent(e.getKey(), k -> {
                    Adam conf = new Adam(lr, beta1, beta2, epsilon);
                    INDArray state = Nd4j.zeros(p.dataType(), 1, conf.stateSize(p.length()));
                    GradientUpdater<?> gu = conf.instantiate(state, true);
                    return gu;
                });
                INDArray flat = g.reshape(g.length());
                u.applyUpdater(flat, iteration, epoch);
                p.subi(flat.reshape(p.shape()));
            } else {
                INDArray update = g;
                if (momentum > 0) {
                    INDArray v = velocity.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(p.dataType(), p.shape()));
                    v.muli(momentum).addi(g);
                    update = nesterov ? g.add(v.mul(momentum)) : v;
                }
                p.subi(update.mul(lr));
            }
        }
        iteration++;
        return norm;
    }
}
